/**
 * Common given names (UK and international), lower-case, space-separated to keep the file
 * compact. Written from general knowledge of popular names across UK birth cohorts 1930-2020
 * plus common South Asian, African, East European, Irish, Welsh, Scottish, Hispanic, Chinese and
 * Arabic names; not generated from any data set. Hyphenated or double names match per part.
 */
const GIVEN_NAMES_TEXT = `
aaron abbie abby abdul abdullah abel abigail abraham ada adam adele adeline adrian adriana afia agata agatha agnes
ahmad ahmed aidan aiden aileen aimee aisha aishah alan alana alastair albert alberto alec alejandro aleksandra alesha alex
alexa alexander alexandra alexandru alexis alfie alfred ali alice alicia alina alisha alison alistair allan allison alma
amal amanda amber amelia amelie ami amin amina amir amit amy ana anastasia andre andrea andreas andrei andrew andy
aneesa angel angela angelica angelina angie angus anil anita ann anna annabel annabelle anne annette annie anthony antoine
anton antonia antonio anwar anya april archie arjun arlo arnold arthur arun asha ashleigh ashley ashok asif aston
aubrey audrey august aurora austin ava avery axel aya ayaan ayesha aylin azra barbara barry basil beatrice beatrix
becky belinda bella ben benjamin bernadette bernard bert beryl beth bethan bethany betty beverley bill billie billy blake
bob bobby bogdan bonnie boris brandon brenda brendan brian bridget briony brooke bruce bryan bryony caitlin caleb callum
calum calvin cameron camilla candice cara carl carla carlos carly carmen carol caroline carolyn carrie casey cassandra
catherine cathy cecilia cecil cedric celia chantelle charlene charles charlie charlotte chelsea cheryl chloe chris christian
christina christine christopher ciara cindy claire clara clare clarissa claudia clifford clive cody colin connie connor conor
constance corey craig cristina crystal cynthia daisy dale damian damien dan dana daniel daniela daniella danielle danny dara
darcey darcy darius darren darryl dave david dawn dean debbie deborah declan deepa deepak denise dennis derek desmond
destiny dev devon dexter diana diane dianne dilip dina dinah dmitri dolores dominic dominika donald donna doreen doris
dorothy douglas duncan dylan eamon ebony eddie edgar edith edmund edna edward edwin eileen elaine eleanor elena eli
elias elijah elin elisa elise eliza elizabeth ella elle ellen ellie elliot elliott ellis eloise elsa elsie emanuel emeka
emil emilia emily emma emmanuel enzo eric erica erin ernest esme esther ethan ethel eugene eva evan evangeline eve
evelyn evie ewan faisal faith farah fatima fatma faye felicity felix fern fernando finlay finley finn fiona florence
francesca frances francis frank frankie fraser freda freddie freddy frederick freya gabriel gabriela gabrielle gail gareth
garry gary gavin gemma geoffrey george georgia georgina gerald geraldine gerard gillian gina giovanni glen glenda glenn
gloria gordon grace graham grant greg gregory gurpreet gwen gwendoline hadley hailey haley hamza hana hannah harjit
harley harold harper harriet harrison harry harvey hasan hassan hayden hazel heather hector heidi helen helena henry
herbert hilary hilda holly hope howard hugh hugo hunter huw iain ian ibrahim ida idris ifeoma imogen imran ines
ingrid iqbal irene iris isaac isabel isabella isabelle isaiah isla isobel ivan ivy jack jackie jackson jacob jacqueline
jade jake james jamie jan jane janet janice jasmine jason jasper javier jay jayden jean jeanette jeff jeffrey jemima
jenna jennifer jenny jeremy jermaine jessica jesus jill jim jimmy jo joan joanna joanne jodie joe joel joey johanna john
johnny jon jonathan jordan jorge jose joseph josephine josh joshua josie joy joyce juan jude judith judy julia julian
juliana julie juliet june justin kai kaitlyn kamal kamala karen kari karim karina karl kate katherine kathleen kathryn
katie katrina kay kayla kayleigh keira keith kelly kelvin ken kenneth kerry kevin khadija khalid kieran kim kimberley
kirsty kit kofi krishna kristina krystal kwame kyle lacey lana lara laura lauren laurence lawrence layla leah leanne
lee leigh leila lena leo leon leona leonard leonie leslie lesley lewis lexi liam lily lilly linda lindsay lindsey lisa
liz liza lloyd logan lois lola lorna lorraine louie louis louisa louise lucas lucia lucy luis luka lukas luke luna
lydia lynda lynn lynne mabel maciej madeleine madison maeve magdalena maggie mahmoud maisie maja malcolm mandy manuel
marc marcel marcia marco marcus margaret margarita maria mariam marian marianne marie marilyn marina mario marion
marjorie mark marlene martha martin martina mary maryam mason mateusz matilda matt matthew maureen maurice max maxine
maxwell maya megan mehmet mei melanie melissa mia michael michaela michal michel michelle miguel mikael mike mila
mildred miles millie milo mina miranda miriam mohamed mohammad mohammed molly monica morgan moses muhammad muriel
mustafa nadia naomi natalia natalie natasha nathan nathaniel neil nell nellie niall nicholas nick nicky nicola nicole
nigel nikhil nikita nina noah noel nora norah norma norman nuala oleksandr olga oliver olivia olly omar oscar owen
paige pamela paolo patricia patrick paul paula pauline pawel pearl peggy penelope penny percy peter petra phil philip
phillip philippa phoebe phyllis pierre piotr polly poppy precious preeti priya priyanka rachael rachel rafael rahul
raj rajesh ralph ramesh rana randy ravi ray raymond reece rebecca reggie reginald rehan rhiannon rhys ricardo richard
rick ricky rita rob robbie robert roberta roberto robin robyn rocco rodney roger rohan roisin ronald ronan ronnie rory
rosa rosalind rose rosemary rosie ross rowan roxanne roy ruby rupert russell ruth ryan sabrina sacha sadie sahil
saima sally salma sam samantha samir samuel sana sandeep sandra sanjay santiago sara sarah sasha saskia scarlett scott
sean sebastian serena sergei seth shabnam shamima shane shannon sharon shaun shauna sheila shelley sheryl shirley
siddharth sidney simon simone sinead siobhan sofia sonia sonya sophia sophie spencer stacey stanley stefan stella
stephan stephanie stephen steve steven stewart stuart sue sunil susan susanne suzanne sven sylvia tamara tania tanya
tara tariq tatiana taylor ted teddy terence teresa terri terry tess tessa theo theodore theresa thomas tiffany tim
timothy tina toby tom tommy toni tony tracey tracy trevor tristan troy tyler una ursula usman valerie vanessa vera
veronica vicky victor victoria vijay vikram vincent violet virginia vivian vivienne wade walter wanda warren wayne
wendy wesley wilfred will william willow winifred winston wojciech xavier yasmin yusuf yvette yvonne zach zachary
zahra zain zainab zara zoe zoltan zofia zuzanna
aarav aditi aditya akash alfie-james amara amelie-rose anaya anjali arya aryan ayan bilal deborah-ann divya eesa
farhan gagandeep harpreet hina ishaan jaspreet kiran kulwinder manpreet meera mohan nasreen navdeep neha nisha
pooja prakash rajinder rani reza ruksana rupinder sabina sadia samina shahid shazia simran suresh tahir usha vinod
wasim yasmeen zubair adebayo ade ama chidi chinedu chioma femi folake ngozi obinna olu oluwaseun segun tunde yaw
aoife ciaran cormac eoin fionn niamh oisin padraig saoirse seamus aled bronwen carys cerys dafydd dylan-james eirian
emrys gethin glyn gwyn iolo lowri meredith rhodri sian tegan alasdair ailsa catriona eilidh hamish isla-rose kirsteen
mhairi morag murdo rab shona struan zbigniew agnieszka anna-maria beata dorota ewa grzegorz jakub joanna-marie kasia
katarzyna krzysztof lukasz malgorzata marek marta monika natalia-rose pawelek tomasz zofia-anne andrius darius ieva
jonas lina mindaugas ruta vytautas adina bianca cosmin daniela-maria florin ionut mihai radu raluca stefania vlad
ffion tomas chukwuemeka jean luc renee zoe chloe sian ciaran sean mared elen nia osian
wei li ming hui jun lei xin yan ying jian hong mei-ling chen-yu hiroshi yuki kenji akira sakura haruto yuna minh
thanh linh tuan hoa anh duc quang juan-carlos carmen-maria lucia-fernanda mateo valentina camila sebastian-luis
alejandra diego gabriel-jose isabela joao pedro rafaela tiago beatriz goncalo ines-maria francisco
`

/** The set, built once. */
export const GIVEN_NAMES: ReadonlySet<string> = new Set(
  GIVEN_NAMES_TEXT.split(/\s+/).filter((n) => n.length > 0),
)
